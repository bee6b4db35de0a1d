BW2_momentum_buffer_step2J`àÞº?ßW?7¾¡?µ^@.ÿD?žm1¿Jk¿%g%ÀùCM?W=ý&À¼¿•6¡¿Mµ>€#?.î¶¿ÓÈ?SBå>’š–¾
h	?Aal?‚T>Ï´í?Ó?