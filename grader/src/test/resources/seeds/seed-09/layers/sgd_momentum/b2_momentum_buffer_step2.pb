Bb2_momentum_buffer_step2JğúQ¹üÌ+9Ô
¹