FROM python:3.12-slim
WORKDIR /srv/alongside
COPY pyproject.toml README.md ./
COPY app ./app
COPY alembic ./alembic
COPY frontend ./frontend
RUN pip install --no-cache-dir -e . && useradd --system alongside
USER alongside
ENV ALONGSIDE_NO_BOOTSTRAP=1
EXPOSE 8000
CMD ["python", "-m", "app", "serve", "--host", "0.0.0.0"]
