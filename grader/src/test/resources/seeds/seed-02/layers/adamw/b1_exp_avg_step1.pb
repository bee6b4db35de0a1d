Bb1_exp_avg_step1J²
S>™ΎΏΟιΌ'—ωΊ