Bb2_momentum_buffer_step3J«h=â-S=
Ô<