Bb1_momentum_buffer_step3JhÙ5À
è…>aY›?®Ä¾