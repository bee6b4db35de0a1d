Bb2_exp_avg_step1J{¤
¼©»<­C=<