# Accord's own Rt golden cases (cases-rt-accord.csv), made with R and EpiEstim 2.2-4 like Flu2009__rt.
# Run from the repository root:  Rscript data/golden/make-rt-golden.R
# It writes input/rt_synthetic.csv (a seeded simulation, so it is reproducible), output/<case>.csv for each
# case below, and cases-rt-accord.csv. The tests read these files; they never need R.
suppressPackageStartupMessages(library(EpiEstim))
stopifnot(as.character(packageVersion("EpiEstim")) == "2.2.4")

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
dir <- if (length(script) == 1) dirname(normalizePath(script)) else "data/golden"

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.15g", x))

# --- Synthetic input: three series exercising different regimes -------------------------------------------
# outbreak_a: 120 days of a renewal process (negative binomial noise) whose R falls from 2.2 to 0.8 and rises
#   to 1.3 again; sparse_b: 70 days of low counts with many zeros, starting at 0; short_c: 16 days only, so
#   that a long serial interval is truncated (EpiEstim warns that si_distr does not sum to 1).
set.seed(20130901)
simulate <- function(days, r_of_t, seed_cases, mean_si, std_si, size) {
  w <- discr_si(seq(0, days - 1), mean_si, std_si)
  incid <- numeric(days)
  incid[1] <- seed_cases
  for (t in seq(2, days)) {
    lambda <- sum(incid[seq(t - 1, 1)] * w[seq(2, t)])
    incid[t] <- rnbinom(1, mu = r_of_t(t) * lambda, size = size)
  }
  incid
}
r_a <- function(t) if (t <= 30) 2.2 else if (t <= 60) 2.2 - 1.4 * (t - 30) / 30 else if (t <= 90) 0.8 else 1.3
outbreak_a <- simulate(120, r_a, 10, 4.8, 2.3, 10)
sparse_b <- c(0, rpois(69, lambda = rep(c(0.4, 1.5, 3, 1), times = c(15, 20, 20, 14))))
short_c <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3)

synthetic <- list(outbreak_a = outbreak_a, sparse_b = sparse_b, short_c = short_c)
start <- as.Date("2024-01-01")
rows <- do.call(rbind, lapply(names(synthetic), function(s) {
  x <- synthetic[[s]]
  data.frame(series = s, date = format(start + seq_along(x) - 1), incidence = x)
}))
write.csv(rows, file.path(dir, "input", "rt_synthetic.csv"), row.names = FALSE, quote = FALSE)

read_input <- function(file) {
  d <- read.csv(file.path(dir, file), colClasses = c("character", "character", "numeric"))
  split(d, factor(d$series, levels = unique(d$series)))
}

# --- Cases --------------------------------------------------------------------------------------------------
cases <- list(
  list(name = "Flu2009__rt-si3.5-sd2.4", input = "input/Flu2009.csv", mean_si = 3.5, std_si = 2.4, window = 7),
  list(name = "Flu2009__rt-w14", input = "input/Flu2009.csv", mean_si = 2.6, std_si = 1.5, window = 14),
  # A long serial interval with short windows: the early windows end before the mean SI and are undefined.
  list(name = "Flu2009__rt-si8.4-w3", input = "input/Flu2009.csv", mean_si = 8.4, std_si = 3.8, window = 3),
  list(name = "rt_synthetic__rt", input = "input/rt_synthetic.csv", mean_si = 4.8, std_si = 2.3, window = 7),
  list(name = "rt_synthetic__rt-w14", input = "input/rt_synthetic.csv", mean_si = 4.8, std_si = 2.3, window = 14),
  list(name = "rt_synthetic__rt-si9.5", input = "input/rt_synthetic.csv", mean_si = 9.5, std_si = 6, window = 7),
  list(name = "rt_synthetic__rt-prior", input = "input/rt_synthetic.csv", mean_si = 4.8, std_si = 2.3, window = 7,
       mean_prior = 2, std_prior = 1)
)

case_rows <- character(0)
for (case in cases) {
  out <- NULL
  for (d in read_input(case$input)) {
    T <- nrow(d)
    config <- list(mean_si = case$mean_si, std_si = case$std_si,
                   t_start = seq(2, T - case$window + 1), t_end = seq(case$window + 1, T))
    if (!is.null(case$mean_prior)) config$mean_prior <- case$mean_prior
    if (!is.null(case$std_prior)) config$std_prior <- case$std_prior
    res <- suppressWarnings(estimate_R(d$incidence, method = "parametric_si", config = make_config(config)))
    r <- res$R
    out <- rbind(out, data.frame(
      series = d$series[1], t_start = d$date[r$t_start], t_end = d$date[r$t_end],
      mean_r = fmt(r$`Mean(R)`), std_r = fmt(r$`Std(R)`), q025 = fmt(r$`Quantile.0.025(R)`),
      median_r = fmt(r$`Median(R)`), q975 = fmt(r$`Quantile.0.975(R)`)
    ))
  }
  write.csv(out, file.path(dir, "output", paste0(case$name, ".csv")), row.names = FALSE, quote = FALSE)

  params <- sprintf("si-mean=%s si-sd=%s window=%d", case$mean_si, case$std_si, case$window)
  cli <- sprintf("accord rt --input %s --output OUT.csv --si-mean %s --si-sd %s --window %d",
                 case$input, case$mean_si, case$std_si, case$window)
  if (!is.null(case$mean_prior)) {
    params <- sprintf("%s mean_prior=%s std_prior=%s", params, case$mean_prior, case$std_prior)
    cli <- sprintf("%s --param mean_prior=%s --param std_prior=%s", cli, case$mean_prior, case$std_prior)
  }
  case_rows <- c(case_rows, paste(case$name, "rt", case$input, paste0("output/", case$name, ".csv"), "", "", params,
                                  "1e-3", cli, sep = ","))
}
writeLines(c("case,method,input,reference_output,from,to,params,tolerance,cli", case_rows),
           file.path(dir, "cases-rt-accord.csv"))
