Bb1_exp_avg_sq_step1J¥1I8Ü:`>Þ:•£
5