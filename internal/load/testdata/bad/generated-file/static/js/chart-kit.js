window.covsiteChartKit = {};
