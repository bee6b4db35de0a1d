Bb2_exp_avg_step2Jé8¶Ê
•·xDL6