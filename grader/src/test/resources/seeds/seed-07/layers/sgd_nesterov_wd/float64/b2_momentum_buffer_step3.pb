Bb2_momentum_buffer_step3JŒ«h=â-S=
Ô<