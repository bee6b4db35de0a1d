Bb1_exp_avg_step3JÀ}¾<÷™¾
ºÃ¾Ø¡¾