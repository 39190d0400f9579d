# CSTO Explorer: one Streamlit process per container. Run several behind a sticky proxy
# (see deploy/README.md): one Streamlit process runs one script at a time per session.
# tests/test_deploy.py runs this file's CMD and HEALTHCHECK outside Docker, from a folder holding
# only what the COPY lines copy.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# Where the server listens (docker run -e ... changes them; the health check follows the port).
ENV STREAMLIT_SERVER_ADDRESS=0.0.0.0 STREAMLIT_SERVER_PORT=8501
# The allocator settings that let a replica give memory back after its viewers leave are set by
# components.ui.serve itself (components/ui/memory.py); an ENV here would override them.
WORKDIR /app
# System packages, the same list hosted platforms read: Graphviz (org chart layout) and Chromium
# (chart pictures in PowerPoint exports).
COPY packages.txt requirements.txt ./
RUN apt-get update && xargs apt-get install -y --no-install-recommends < packages.txt && rm -rf /var/lib/apt/lists/*
RUN pip install -r requirements.txt
COPY app.py ./
COPY components ./components
COPY pages ./pages
COPY data ./data
COPY static ./static
COPY .streamlit ./.streamlit

RUN useradd --create-home explorer
USER explorer
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-m", "components.ui.health"]
# STREAMLIT_SERVER_COOKIE_SECRET must be the same on every replica (set it at run time).
# No security headers from Streamlit: put deploy/nginx.conf (or equivalent) in front.
# The same app as `streamlit run app.py`, plus giving memory back after viewers leave (README).
CMD ["python", "-m", "components.ui.serve"]
