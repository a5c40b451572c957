# PostDesk: `make demo` runs the main job, `make test` the tests, `make bench` the benchmarks.
# Missing system packages are installed through apt (as root or with sudo), or named.

APT_PACKAGES := pkg-config libxml2-dev libsqlite3-dev libxml2-utils libqpdf-dev
# `make test` also drives headless Chromium through WebDriver (Tests/PostDeskBrowserTests) and
# over the DevTools pipe, checking its PDFs with poppler-utils and qpdf (Tests/HeadlessChromiumTests);
# the font subsetter's tests read Liberation Sans, the templates' font (fonts-liberation);
# `make bench` loads the web desk with wrk (bench/web) and prints PDFs (bench/pdf).
# The PostgreSQL store's tests start a throwaway cluster of Debian's postgresql (initdb, pg_ctl;
# Tests/PostDeskTestSupport/PostgresCluster.swift).
TEST_APT_PACKAGES := chromium chromium-driver poppler-utils qpdf python3-pip fonts-liberation postgresql
# The browser tests audit every page with axe-core (WCAG 2 A/AA): the copy that PyPI's
# axe-playwright-python carries, fetched once into .build/axe/ (the wheel only, nothing installed).
AXE_WHEEL := axe_playwright_python-0.1.8-py3-none-any.whl
AXE_JS := .build/axe/axe_playwright_python/axe.min.js
# `make demo` prints the mailing to PDF in headless Chromium.
DEMO_APT_PACKAGES := chromium
BENCH_APT_PACKAGES := wrk curl chromium poppler-utils qpdf python3-venv
SWIFT ?= swift
POSTDESK := .build/debug/postdesk

.PHONY: deps test-deps demo-deps bench-deps build test lint format demo demo-postgres bench docs clean

# $(call apt_install,PACKAGES): installs the packages that are not installed yet.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please run: sudo apt-get install -y$$missing"; exit 1; fi; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))

test-deps: deps
	$(call apt_install,$(TEST_APT_PACKAGES))

demo-deps: deps
	$(call apt_install,$(DEMO_APT_PACKAGES))

bench-deps: deps
	$(call apt_install,$(BENCH_APT_PACKAGES))

build: deps
	$(SWIFT) build

$(AXE_JS):
	mkdir -p .build/axe
	python3 -m pip download --quiet --no-deps --dest .build/axe axe-playwright-python==0.1.8
	cd .build/axe && python3 -m zipfile -e $(AXE_WHEEL) .

test: test-deps $(AXE_JS)
	$(SWIFT) build --build-tests
	$(SWIFT) test

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

demo: demo-deps build
	bash demo/run.sh

# The same demo on a throwaway PostgreSQL cluster (demo/postgres.sh), copied back to SQLite at the end.
demo-postgres: demo-deps build
	$(call apt_install,postgresql)
	bash demo/postgres.sh

bench: bench-deps
	bash bench/run.sh

# The DocC catalogue of the libraries, one archive (swift-docc-plugin; docc comes with Swift).
DOC_TARGETS := DigitalPost Registry XMLTemplates Documents PostDesk BatchPrinting HeadlessChromium PostDeskWeb
docs: deps
	mkdir -p .build/docs
	$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation \
	  $(foreach t,$(DOC_TARGETS),--target $(t)) --enable-experimental-combined-documentation \
	  --output-path .build/docs/PostDesk.doccarchive
	test -d .build/docs/PostDesk.doccarchive/data
	@echo "The catalogue: .build/docs/PostDesk.doccarchive (open it in Xcode, or serve it with docc preview)"

clean:
	rm -rf .build demo/out
