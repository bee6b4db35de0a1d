Bb1_exp_avg_sq_step2Júu:éf
8âÎÎ7Sô: