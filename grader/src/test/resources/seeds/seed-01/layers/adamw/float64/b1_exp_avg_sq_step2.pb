Bb1_exp_avg_sq_step2JЗu:Хf
8Анн7SТ: