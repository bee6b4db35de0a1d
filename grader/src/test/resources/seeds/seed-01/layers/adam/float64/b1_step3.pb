Bb1_step3J<8¡?ªÕ¿
åi¿Vˆa?