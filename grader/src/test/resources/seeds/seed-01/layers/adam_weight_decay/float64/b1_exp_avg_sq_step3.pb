Bb1_exp_avg_sq_step3J:Pê=Œí<
09±‡w=