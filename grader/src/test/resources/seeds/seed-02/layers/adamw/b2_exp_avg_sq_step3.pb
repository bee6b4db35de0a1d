Bb2_exp_avg_sq_step3J	&œ.2f
.­7\,