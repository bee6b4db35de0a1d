Bb1_step2J½jÏ¿~U¿u¬
?)åÇ?