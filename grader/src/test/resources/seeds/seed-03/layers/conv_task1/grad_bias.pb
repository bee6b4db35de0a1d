B	grad_biasJª,å>ÃÉ‘>x÷É¾ô
Z?