Bb1_exp_avg_step2Jc9¾£V%¾a<
;‡†Ñ¾