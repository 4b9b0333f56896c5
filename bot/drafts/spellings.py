"""Words with one spelling: acronyms, legal forms and well-known products and technologies, lower case -> as
written ("sql" -> "SQL", "postgres" -> "Postgres", "dbt" -> "dbt"). The writer spells them so in a note; the
sendability check never "corrects" them."""

SPELLING = {
    **{a: a.upper() for a in (
        "ai", "api", "aws", "bi", "ceo", "cfo", "cio", "cmo", "coo", "cpo", "cto", "dba", "etl", "gcp", "hr", "it",
        "ml", "qa", "sre", "sql", "ui", "ux", "vp", "ag", "sa", "bv", "plc", "nlp", "seo", "sdk", "svp", "evp",
        "cx", "pm", "r&d", "llm", "crm", "erp", "saas", "b2b", "b2c", "kpi", "okr", "okrs", "kpis", "apis", "gdpr",
        "eks", "gke", "aks", "q1", "q2", "q3", "q4",
        # regions an organisation's name ends with ("Courts Helpline NI", "Fonterra NZ")
        "ni", "nz", "nsw", "qld", "roi",
    )},
    "devops": "DevOps", "ios": "iOS", "gmbh": "GmbH", "ltd": "Ltd", "inc": "Inc", "llc": "LLC",
    "kafka": "Kafka", "perl": "Perl", "python": "Python", "java": "Java", "javascript": "JavaScript",
    "typescript": "TypeScript", "postgresql": "PostgreSQL", "postgres": "Postgres", "mysql": "MySQL",
    "azure": "Azure", "kubernetes": "Kubernetes", "docker": "Docker", "react": "React", "figma": "Figma",
    "salesforce": "Salesforce", "excel": "Excel", "tableau": "Tableau", "spark": "Spark", "airflow": "Airflow",
    "dbt": "dbt", "terraform": "Terraform", "graphql": "GraphQL", "android": "Android", "linux": "Linux",
    "github": "GitHub", "gitlab": "GitLab", "jira": "Jira", "snowflake": "Snowflake", "bigquery": "BigQuery",
    "mongodb": "MongoDB", "redis": "Redis", "elasticsearch": "Elasticsearch", "kotlin": "Kotlin",
    "scala": "Scala", "golang": "Go", "rust": "Rust", "node.js": "Node.js", "nodejs": "Node.js",
    "looker": "Looker", "hubspot": "HubSpot", "sap": "SAP", "php": "PHP", "html": "HTML", "css": "CSS",
    "powerpoint": "PowerPoint", "photoshop": "Photoshop", "jenkins": "Jenkins", "pytorch": "PyTorch",
    "tensorflow": "TensorFlow", "pandas": "pandas", "sketch": "Sketch", "notion": "Notion", "slack": "Slack",
}  # fmt: skip

# Acronyms of working life that no English word list spells (nursing, schools, law, immigration, finance, HR),
# typed in lower case ("ecmo trained", "her daca status"): written in capitals. Each is no English word.
ACRONYMS_TYPED = {
    a: a.upper()
    for a in (
        "ecmo", "crrt", "nicu", "picu", "pacu", "hipaa", "emr", "ehr", "cna", "bsn", "msn", "dnp", "prn",
        "daca", "uscis", "ielts", "iep", "ieps", "sen", "senco", "ofsted", "dbs", "pgce", "qts", "nqt", "ect",
        "gaap", "ifrs", "acca", "cfa", "hmrc", "kyc", "aml", "fmla", "osha", "hvac", "hris", "lms", "sku", "skus",
        "okr", "cpr", "aed", "haccp",
    )
}  # fmt: skip
ACRONYMS_TYPED.update({"ieps": "IEPs", "skus": "SKUs", "ofsted": "Ofsted", "senco": "SENCo"})
