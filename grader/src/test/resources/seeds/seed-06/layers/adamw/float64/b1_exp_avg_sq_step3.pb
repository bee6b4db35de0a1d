Bb1_exp_avg_sq_step3J)Ÿ:!^;ü-;
9