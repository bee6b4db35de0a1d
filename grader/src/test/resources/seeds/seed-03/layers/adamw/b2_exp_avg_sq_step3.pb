Bb2_exp_avg_sq_step3Jh
-&oT.4Œ‡-