Bb1_exp_avg_sq_step2J‰¡÷9Ø:LH
9([>;