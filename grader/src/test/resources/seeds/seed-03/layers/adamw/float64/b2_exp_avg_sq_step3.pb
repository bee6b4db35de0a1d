Bb2_exp_avg_sq_step3Jg
-%oT.3Œ‡-