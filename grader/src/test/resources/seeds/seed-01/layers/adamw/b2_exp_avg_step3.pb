Bb2_exp_avg_step3J÷ˆí·
¸±6bÎ±¶