Bb2_momentum_buffer_step1J<9¸7¥¸’
–¸