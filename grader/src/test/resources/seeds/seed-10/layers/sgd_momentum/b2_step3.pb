Bb2_step3J7GŠ¿gS?
Q?