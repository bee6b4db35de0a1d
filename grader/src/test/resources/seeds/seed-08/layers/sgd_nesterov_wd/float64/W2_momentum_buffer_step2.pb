BW2_momentum_buffer_step2J`¬&@c©Ê>"m¿מְ÷¦">¶u§>l¼¿C7>?תÝ?lo¿¼¡¡¿יv%?F(>{‚?טH>·Ú?ך
‏>mRױ?ƒFְּ?´µ8?Dשג?8J?KX¡¿