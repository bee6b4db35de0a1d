Bb1_exp_avg_sq_step2Jûu:êf
8âÎÎ7Sô: