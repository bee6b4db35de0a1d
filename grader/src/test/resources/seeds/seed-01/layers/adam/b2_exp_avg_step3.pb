Bb2_exp_avg_step3JÈe¯6
îƒ¶º…½6