Bb1_exp_avg_step2Jb9¾£V%¾\<
;‡†Ñ¾