Bb2_exp_avg_sq_step3JËo6.åú¬-
6\.