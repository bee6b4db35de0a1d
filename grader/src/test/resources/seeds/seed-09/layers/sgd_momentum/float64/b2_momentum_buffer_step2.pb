Bb2_momentum_buffer_step2JръQ№эМ+9Ф
№