Bb1_exp_avg_step1JÇµ3ºİ	â¼œ¼
¥¨<