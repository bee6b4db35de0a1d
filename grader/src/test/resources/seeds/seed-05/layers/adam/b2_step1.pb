Bb2_step1J╘щ
юGво?В г?