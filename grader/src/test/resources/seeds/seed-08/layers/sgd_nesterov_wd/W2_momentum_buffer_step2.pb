BW2_momentum_buffer_step2J`¬&@d©Ê>"m¿מְ¸¦">¶u§>l¼¿D7>?תÝ?lo¿¼¡¡¿יv%?F(>{‚?טH>¶Ú?ך
‏>lRױ?ƒFְּ?´µ8?Dשג?7J?KX¡¿