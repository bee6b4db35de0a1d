Bb1_exp_avg_step2JTY)¾‹ğ?Òmİ=²z
½