Bb2_momentum_buffer_step2Jë£½
#?¾éR½