# Extra EARS golden cases for Accord (listed in cases-accord.csv), made the same way as the shared ones
# (see README.md "The R calls"): R 4.2.2, surveillance 1.20.3. Run from data/golden:
#   Rscript make-ears-golden.R
# `expected` is the mean of the baseline weeks of the threshold (C1: t-baseline..t-1; C2, C3: t-baseline-2..t-3).
suppressPackageStartupMessages(library(surveillance))
stopifnot(as.character(packageVersion("surveillance")) == "1.20.3")

read_input <- function(file) {
  d <- read.csv(file, colClasses = c("character", "character", "numeric"))
  dates <- sort(unique(as.Date(d$period)))
  series <- unique(d$series)
  obs <- matrix(NA_real_, nrow = length(dates), ncol = length(series), dimnames = list(NULL, series))
  obs[cbind(match(as.Date(d$period), dates), match(d$series, series))] <- d$count
  list(dates = dates, series = series, observed = obs)
}

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.15g", x))

make_case <- function(name, input, method, from, to, params = list()) {
  inp <- read_input(file.path("input", input))
  x <- sts(observed = inp$observed, epoch = as.numeric(inp$dates), epochAsDate = TRUE, frequency = 52)
  r <- which(inp$dates >= as.Date(from) & inp$dates <= as.Date(to))
  control <- c(list(range = r, method = method), params)
  res <- earsC(x, control = control)
  baseline <- if (is.null(params$baseline)) 7 else params$baseline
  lags <- if (method == "C1") baseline:1 else (baseline + 2):3
  rows <- list()
  for (j in seq_along(inp$series)) {
    y <- inp$observed[, j]
    expected <- sapply(r, function(t) mean(y[t - lags]))
    rows[[j]] <- data.frame(
      series = inp$series[j], period = format(inp$dates[r]), count = fmt(y[r]),
      expected = fmt(expected), upperbound = fmt(upperbound(res)[, j]),
      alarm = ifelse(is.na(alarms(res)[, j]), "", as.integer(alarms(res)[, j]))
    )
  }
  out <- do.call(rbind, rows)
  write.csv(out, file.path("output", paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  cat(name, nrow(out), "rows,", sum(out$upperbound == ""), "undefined upperbounds,", sum(out$alarm == "1"), "alarms\n")
}

make_case("salmonella_agona__ears-c2", "salmonella_agona.csv", "C2", "1992-12-28", "1995-12-18")
make_case("measlesDE__ears-c2", "measlesDE.csv", "C2", "2006-01-02", "2007-12-24")
make_case("measlesDE__ears-c1__alpha-0.01_baseline-5_minSigma-0.5", "measlesDE.csv", "C1", "2005-02-07", "2007-12-24",
          list(alpha = 0.01, baseline = 5, minSigma = 0.5))
make_case("measlesDE__ears-c3__alpha-0.05_baseline-10_minSigma-1", "measlesDE.csv", "C3", "2005-04-25", "2007-12-24",
          list(alpha = 0.05, baseline = 10, minSigma = 1))
make_case("salmonella_agona__ears-c2__alpha-0.05_baseline-12", "salmonella_agona.csv", "C2", "1990-04-16", "1995-12-18",
          list(alpha = 0.05, baseline = 12))
make_case("salmonella_agona__ears-c3__baseline-3", "salmonella_agona.csv", "C3", "1990-02-19", "1995-12-18",
          list(baseline = 3))
