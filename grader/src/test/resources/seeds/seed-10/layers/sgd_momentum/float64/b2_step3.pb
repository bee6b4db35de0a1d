Bb2_step3J6GŠ¿gS?
Q?