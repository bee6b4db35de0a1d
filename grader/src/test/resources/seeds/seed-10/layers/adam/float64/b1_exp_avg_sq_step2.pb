Bb1_exp_avg_sq_step2Jˆ¡÷9Ø:LH
9'[>;