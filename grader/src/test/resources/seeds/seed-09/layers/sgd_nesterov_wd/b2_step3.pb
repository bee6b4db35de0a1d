Bb2_step3J
µ?U‹¿HÕ >