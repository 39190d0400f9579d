# CSTO Explorer: one Streamlit process per container. Run several behind a sticky proxy
# (see deploy/README.md): one Streamlit process runs one script at a time per session.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# The allocator settings that let a replica give memory back after its viewers leave are set by
# components.ui.serve itself (components/ui/memory.py); an ENV here would override them.
WORKDIR /app
COPY requirements.txt .
RUN apt-get update && apt-get install -y --no-install-recommends graphviz chromium && rm -rf /var/lib/apt/lists/*
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
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
# STREAMLIT_SERVER_COOKIE_SECRET must be the same on every replica (set it at run time).
# No security headers from Streamlit: put deploy/nginx.conf (or equivalent) in front.
CMD ["python", "-m", "components.ui.serve", "--server.address", "0.0.0.0", "--server.port", "8501"]
