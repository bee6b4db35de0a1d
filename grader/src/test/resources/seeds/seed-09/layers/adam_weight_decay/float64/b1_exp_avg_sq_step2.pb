Bb1_exp_avg_sq_step2J;~¤=[kê;z·
=Çc =