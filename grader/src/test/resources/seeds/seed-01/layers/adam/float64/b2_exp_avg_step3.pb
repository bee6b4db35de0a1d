Bb2_exp_avg_step3JÇe¯6
îƒ¶¹…½6