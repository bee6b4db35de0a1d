Bb2_exp_avg_sq_step2J
¢,ÁTR.i°†-