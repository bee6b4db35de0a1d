Bb1_step2J½jÏ¿~U¿t¬
?*åÇ?