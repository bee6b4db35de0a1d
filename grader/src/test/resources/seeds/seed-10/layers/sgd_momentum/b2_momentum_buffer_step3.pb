Bb2_momentum_buffer_step3J
–™¸…9ÒøŠ¹