Bb1_exp_avg_sq_step2JÛhd;bF^;
¹ ;o@;