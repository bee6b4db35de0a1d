Bb2_exp_avg_sq_step3J&œ.1f
.¬7\,