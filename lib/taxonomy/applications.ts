/**
 * Workloads that contributors tag their VMs with. Slugs are stable identifiers
 * stored in the database; names and aliases may be improved freely.
 */
export const APPLICATION_CATEGORY_IDS = [
  "directory", "dns-dhcp", "mail", "web", "database", "app-server", "file-print", "vdi", "backup",
  "monitoring", "ci-build", "containers", "erp", "collaboration", "security", "network",
  "infrastructure", "analytics", "other",
] as const;

export type ApplicationCategory = (typeof APPLICATION_CATEGORY_IDS)[number];

export const APPLICATION_CATEGORIES: Readonly<Record<ApplicationCategory, string>> = {
  "directory": "Directory & identity",
  "dns-dhcp": "DNS & DHCP",
  "mail": "Mail & messaging",
  "web": "Web servers",
  "database": "Databases",
  "app-server": "Application servers",
  "file-print": "File & print",
  "vdi": "Virtual desktops & app delivery",
  "backup": "Backup & recovery",
  "monitoring": "Monitoring & logging",
  "ci-build": "CI & build",
  "containers": "Containers",
  "erp": "ERP & business applications",
  "collaboration": "Collaboration",
  "security": "Security & firewalls",
  "network": "Network functions",
  "infrastructure": "Infrastructure management",
  "analytics": "Analytics & messaging pipelines",
  "other": "Other",
};

export interface Application {
  slug: string;
  name: string;
  category: ApplicationCategory;
  /** Other ways admins write it; matched as whole words, case-insensitively. */
  aliases: string[];
  /** Commonly deployed versions, oldest first, spelled the way admins write them. */
  versions?: string[];
  vendor?: string;
  description: string;
  /** Firewalls, gateways, routers and load balancers: VMs expected to straddle security zones. */
  isGateway?: boolean;
}

export const APPLICATIONS: readonly Application[] = [
  // Directory and identity
  {
    slug: "active-directory", name: "Active Directory Domain Services", category: "directory", vendor: "Microsoft",
    aliases: ["AD DC", "domain controller", "DC", "AD", "AD DS", "ADDS", "Active Directory", "PDC", "BDC"],
    versions: ["2008 R2", "2012", "2012 R2", "2016", "2019", "2022", "2025"],
    description: "Microsoft's directory service that authenticates Windows users and computers and holds group policy.",
  },
  {
    slug: "microsoft-adfs", name: "Active Directory Federation Services", category: "directory", vendor: "Microsoft",
    aliases: ["ADFS", "AD FS", "federation server"],
    versions: ["2.0", "3.0", "2016", "2019"],
    description: "Issues SAML and OpenID Connect tokens so Active Directory accounts can sign in to web and cloud services.",
  },
  {
    slug: "openldap", name: "OpenLDAP", category: "directory",
    aliases: ["slapd", "LDAP server", "389 Directory Server"],
    versions: ["2.4", "2.5", "2.6"],
    description: "An open-source LDAP directory server often used for Unix account and application authentication.",
  },
  // DNS and DHCP
  {
    slug: "microsoft-dns", name: "Microsoft DNS", category: "dns-dhcp", vendor: "Microsoft",
    aliases: ["Windows DNS", "MS DNS", "DNS server", "DNS"],
    description: "The DNS server role of Windows Server, usually integrated with Active Directory zones.",
  },
  {
    slug: "isc-bind", name: "ISC BIND", category: "dns-dhcp", vendor: "ISC",
    aliases: ["BIND", "BIND9", "named"],
    versions: ["9.11", "9.16", "9.18", "9.20"],
    description: "The reference authoritative and recursive DNS server from the Internet Systems Consortium.",
  },
  {
    slug: "dhcp-server", name: "DHCP server", category: "dns-dhcp",
    aliases: ["DHCP", "ISC DHCP", "dhcpd", "Kea", "Windows DHCP"],
    description: "Hands out IP addresses and network options to clients, whether Windows DHCP, ISC dhcpd or Kea.",
  },
  // Mail and messaging
  {
    slug: "microsoft-exchange", name: "Microsoft Exchange Server", category: "mail", vendor: "Microsoft",
    aliases: ["Exchange mail server", "Exchange", "Exchange Server", "MS Exchange", "Exchange mailbox server", "Exchange CAS"],
    versions: ["2007", "2010", "2013", "2016", "2019", "SE"],
    description: "Microsoft's on-premises mail, calendar and contacts server.",
  },
  {
    slug: "postfix", name: "Postfix", category: "mail",
    aliases: ["Postfix MTA", "mail relay", "SMTP relay", "MTA", "Sendmail"],
    versions: ["2.10", "3.5", "3.7", "3.8"],
    description: "A widely used Unix mail transfer agent that relays and delivers SMTP mail.",
  },
  // Web
  {
    slug: "apache-httpd", name: "Apache HTTP Server", category: "web", vendor: "Apache Software Foundation",
    aliases: ["Apache", "httpd", "Apache web server", "Apache2", "Apache httpd", "IBM HTTP Server"],
    versions: ["2.0", "2.2", "2.4"],
    description: "The long-standing open-source web server, often in front of PHP or Java applications.",
  },
  {
    slug: "nginx", name: "nginx", category: "web",
    aliases: ["Nginx Plus", "OpenResty", "engine x"],
    versions: ["1.18", "1.20", "1.22", "1.24", "1.26"],
    description: "An event-driven web server and reverse proxy known for serving many connections with little memory.",
  },
  {
    slug: "microsoft-iis", name: "Microsoft IIS", category: "web", vendor: "Microsoft",
    aliases: ["IIS", "Internet Information Services", "Internet Information Server"],
    versions: ["6.0", "7.0", "7.5", "8.0", "8.5", "10.0"],
    description: "The web server built into Windows Server, hosting ASP.NET applications.",
  },
  // Application servers
  {
    slug: "apache-tomcat", name: "Apache Tomcat", category: "app-server", vendor: "Apache Software Foundation",
    aliases: ["Tomcat", "Tomcat server", "Catalina"],
    versions: ["6", "7", "8", "8.5", "9", "10", "10.1", "11"],
    description: "A Java servlet container that runs many in-house Java web applications.",
  },
  {
    slug: "wildfly", name: "JBoss EAP / WildFly", category: "app-server", vendor: "Red Hat",
    aliases: ["JBoss", "WildFly", "JBoss EAP", "JBoss AS", "Red Hat JBoss"],
    versions: ["5", "6", "7", "7.4", "8"],
    description: "Red Hat's Jakarta EE application server and its open-source upstream.",
  },
  {
    slug: "ibm-websphere", name: "IBM WebSphere Application Server", category: "app-server", vendor: "IBM",
    aliases: ["WebSphere", "WAS", "WebSphere Liberty", "WAS ND"],
    versions: ["7.0", "8.0", "8.5", "8.5.5", "9.0"],
    description: "IBM's Java EE application server common in banking and insurance back offices.",
  },
  {
    slug: "oracle-weblogic", name: "Oracle WebLogic Server", category: "app-server", vendor: "Oracle",
    aliases: ["WebLogic", "WLS", "Oracle Fusion Middleware"],
    versions: ["10.3", "11g", "12c", "12.2.1", "14c"],
    description: "Oracle's Java EE application server that hosts Oracle Fusion Middleware and custom applications.",
  },
  {
    slug: "dotnet-app-server", name: ".NET application server", category: "app-server", vendor: "Microsoft",
    aliases: [".NET app server", "ASP.NET", "dotnet app", "Windows application server"],
    description: "A Windows server running in-house .NET services or line-of-business middleware.",
  },
  // Databases
  {
    slug: "mssql", name: "Microsoft SQL Server", category: "database", vendor: "Microsoft",
    aliases: ["SQL Server", "MSSQL", "MS SQL", "SQL Server database", "SQL cluster", "SQL AlwaysOn"],
    versions: ["2008", "2008 R2", "2012", "2014", "2016", "2017", "2019", "2022", "2025"],
    description: "Microsoft's relational database, the back end of most Windows line-of-business applications.",
  },
  {
    slug: "oracle-database", name: "Oracle Database", category: "database", vendor: "Oracle",
    aliases: ["Oracle DB", "Oracle", "Oracle RDBMS", "Oracle RAC"],
    versions: ["10g", "11g", "12c", "18c", "19c", "21c", "23ai"],
    description: "Oracle's enterprise relational database, frequently licensed per core and sized with care.",
  },
  {
    slug: "postgresql", name: "PostgreSQL", category: "database",
    aliases: ["Postgres", "PGSQL", "EDB Postgres"],
    versions: ["9.6", "10", "11", "12", "13", "14", "15", "16", "17"],
    description: "An open-source object-relational database known for standards compliance and extensions.",
  },
  {
    slug: "mysql", name: "MySQL", category: "database", vendor: "Oracle",
    aliases: ["MySQL server", "Percona Server"],
    versions: ["5.5", "5.6", "5.7", "8.0", "8.4"],
    description: "The popular open-source relational database behind many LAMP applications.",
  },
  {
    slug: "mariadb", name: "MariaDB", category: "database",
    aliases: ["MariaDB server", "Galera cluster"],
    versions: ["10.3", "10.5", "10.6", "10.11", "11.4"],
    description: "A community fork of MySQL shipped as the default MySQL-compatible database by many Linux distributions.",
  },
  {
    slug: "ibm-db2", name: "IBM Db2", category: "database", vendor: "IBM",
    aliases: ["DB2", "Db2 LUW", "UDB"],
    versions: ["9.7", "10.5", "11.1", "11.5"],
    description: "IBM's relational database for Linux, Unix and Windows, common under SAP and mainframe-adjacent systems.",
  },
  {
    slug: "mongodb", name: "MongoDB", category: "database",
    aliases: ["Mongo", "mongod"],
    versions: ["3.6", "4.0", "4.4", "5.0", "6.0", "7.0"],
    description: "A document database storing JSON-like records, often run as a three-member replica set.",
  },
  {
    slug: "redis", name: "Redis", category: "database",
    aliases: ["Redis cache", "Valkey", "KeyDB"],
    versions: ["5", "6", "7"],
    description: "An in-memory key-value store used for caching, sessions and queues.",
  },
  {
    slug: "elasticsearch", name: "Elasticsearch", category: "analytics", vendor: "Elastic",
    aliases: ["Elastic", "ELK", "Elastic Stack", "OpenSearch", "Logstash", "Kibana"],
    versions: ["6", "7", "8"],
    description: "A distributed search and analytics engine, usually holding logs as part of the ELK stack.",
  },
  // File and print
  {
    slug: "windows-file-server", name: "Windows file server", category: "file-print", vendor: "Microsoft",
    aliases: ["file server", "SMB file server", "DFS", "DFS-R", "file share", "CIFS server"],
    description: "A Windows Server sharing folders over SMB, often with DFS namespaces and replication.",
  },
  {
    slug: "print-server", name: "Print server", category: "file-print",
    aliases: ["Windows print server", "print spooler", "CUPS", "PaperCut"],
    description: "Queues and distributes print jobs and drivers to office printers.",
  },
  // Collaboration
  {
    slug: "sharepoint", name: "Microsoft SharePoint Server", category: "collaboration", vendor: "Microsoft",
    aliases: ["SharePoint", "MOSS", "SharePoint farm", "WSS"],
    versions: ["2007", "2010", "2013", "2016", "2019", "SE"],
    description: "Microsoft's intranet, document management and collaboration portal.",
  },
  {
    slug: "confluence", name: "Atlassian Confluence", category: "collaboration", vendor: "Atlassian",
    aliases: ["Confluence", "Confluence wiki"],
    versions: ["6", "7", "8", "9"],
    description: "A team wiki for documentation and knowledge sharing.",
  },
  {
    slug: "jira", name: "Atlassian Jira", category: "collaboration", vendor: "Atlassian",
    aliases: ["Jira", "JIRA Software", "Jira Service Management", "Jira Service Desk"],
    versions: ["7", "8", "9", "10"],
    description: "An issue and project tracker used by development and service-desk teams.",
  },
  {
    slug: "skype-for-business", name: "Skype for Business / Lync / Teams", category: "collaboration", vendor: "Microsoft",
    aliases: ["Skype for Business", "Lync", "Lync Server", "SfB", "OCS", "Microsoft Teams", "Teams"],
    versions: ["2010", "2013", "2015", "2019"],
    description: "Microsoft's on-premises unified communications servers for chat, presence and calls, and their Teams hybrid components.",
  },
  // VDI and app delivery
  {
    slug: "citrix-virtual-apps", name: "Citrix Virtual Apps (XenApp)", category: "vdi", vendor: "Citrix",
    aliases: ["XenApp", "Citrix XenApp", "Citrix Virtual Apps", "Citrix", "Presentation Server", "Citrix server"],
    versions: ["6.5", "7.15", "1912", "2203", "2402"],
    description: "Multi-user Windows servers that publish applications and desktops to Citrix clients.",
  },
  {
    slug: "citrix-vdi-desktop", name: "Citrix VDI desktop", category: "vdi", vendor: "Citrix",
    aliases: ["Citrix VDI", "XenDesktop", "Citrix XenDesktop", "Citrix Virtual Desktops", "Citrix VDA"],
    versions: ["7.15", "1912", "2203", "2402"],
    description: "A single-user Windows desktop VM delivered through Citrix Virtual Desktops.",
  },
  {
    slug: "vmware-horizon-desktop", name: "VMware Horizon (View) desktop", category: "vdi", vendor: "VMware",
    aliases: ["Horizon", "VMware View", "View desktop", "Horizon View", "Horizon desktop", "VDI desktop", "VDI"],
    versions: ["5", "6", "7", "8"],
    description: "A virtual desktop delivered to a user through VMware Horizon, formerly VMware View.",
  },
  {
    slug: "horizon-connection-server", name: "VMware Horizon Connection Server", category: "vdi", vendor: "VMware",
    aliases: ["Connection Server", "View Connection Server", "View Manager", "Unified Access Gateway", "UAG"],
    versions: ["6", "7", "8"],
    description: "The broker that authenticates Horizon users and connects them to their desktops.",
  },
  {
    slug: "rds-session-host", name: "Remote Desktop Session Host", category: "vdi", vendor: "Microsoft",
    aliases: ["RDSH", "RDS", "Terminal Server", "Remote Desktop Services", "RD Session Host", "Terminal Services"],
    versions: ["2008 R2", "2012 R2", "2016", "2019", "2022"],
    description: "A Windows server that hosts many users' remote desktop sessions at once.",
  },
  // Backup
  {
    slug: "veeam-backup", name: "Veeam Backup & Replication", category: "backup", vendor: "Veeam",
    aliases: ["Veeam", "VBR", "Veeam B&R", "Veeam backup server"],
    versions: ["9.5", "10", "11", "12"],
    description: "The management server of Veeam's image-level backup and replication product.",
  },
  {
    slug: "veeam-proxy", name: "Veeam backup proxy", category: "backup", vendor: "Veeam",
    aliases: ["Veeam proxy", "backup proxy", "Veeam repository", "Veeam data mover"],
    versions: ["9.5", "10", "11", "12"],
    description: "A data-moving VM that reads virtual disks and writes them to Veeam repositories.",
  },
  {
    slug: "commvault", name: "Commvault", category: "backup", vendor: "Commvault",
    aliases: ["CommServe", "Commvault MediaAgent", "Simpana"],
    versions: ["11"],
    description: "An enterprise backup platform with CommServe management and MediaAgent data movers.",
  },
  {
    slug: "backup-server", name: "Backup server (other)", category: "backup",
    aliases: ["NetBackup", "Backup Exec", "Bacula", "Arcserve", "TSM", "Spectrum Protect", "Avamar", "backup server"],
    description: "A media or master server of another backup product such as NetBackup, Backup Exec or Bacula.",
  },
  // Monitoring and logging
  {
    slug: "nagios", name: "Nagios", category: "monitoring",
    aliases: ["Nagios Core", "Nagios XI", "Icinga", "Icinga2", "Checkmk"],
    versions: ["3", "4"],
    description: "A check-based infrastructure monitoring server, with its forks Icinga and Checkmk.",
  },
  {
    slug: "zabbix", name: "Zabbix", category: "monitoring",
    aliases: ["Zabbix server", "Zabbix proxy"],
    versions: ["4.0", "5.0", "6.0", "7.0"],
    description: "An open-source monitoring server that collects metrics from agents, SNMP and IPMI.",
  },
  {
    slug: "prometheus", name: "Prometheus", category: "monitoring",
    aliases: ["Prometheus server", "Alertmanager", "Thanos", "VictoriaMetrics"],
    versions: ["2", "3"],
    description: "A pull-based time-series database and alerting system for metrics.",
  },
  {
    slug: "grafana", name: "Grafana", category: "monitoring", vendor: "Grafana Labs",
    aliases: ["Grafana dashboards", "Loki"],
    versions: ["8", "9", "10", "11"],
    description: "A dashboarding server that visualises metrics and logs from many data sources.",
  },
  {
    slug: "splunk", name: "Splunk", category: "monitoring", vendor: "Splunk",
    aliases: ["Splunk indexer", "Splunk search head", "Splunk Enterprise", "Splunk forwarder"],
    versions: ["7", "8", "9"],
    description: "A log indexing and search platform, often the security team's SIEM.",
  },
  {
    slug: "scom", name: "System Center Operations Manager", category: "monitoring", vendor: "Microsoft",
    aliases: ["SCOM", "Operations Manager", "OpsMgr"],
    versions: ["2012 R2", "2016", "2019", "2022"],
    description: "Microsoft's agent-based monitoring server for Windows and application health.",
  },
  // CI and build
  {
    slug: "jenkins", name: "Jenkins", category: "ci-build",
    aliases: ["Jenkins controller", "Jenkins agent", "Jenkins master", "Hudson", "build agent", "build server"],
    description: "An automation server that builds, tests and deploys code, with controllers and build agents.",
  },
  {
    slug: "gitlab", name: "GitLab", category: "ci-build", vendor: "GitLab",
    aliases: ["GitLab CE", "GitLab EE", "GitLab runner", "Gitea", "Bitbucket Server"],
    versions: ["15", "16", "17"],
    description: "A self-hosted Git service with built-in CI pipelines and runners.",
  },
  {
    slug: "artifact-repository", name: "Artifact repository", category: "ci-build",
    aliases: ["Artifactory", "Nexus", "Nexus Repository", "Harbor", "container registry"],
    description: "Stores build artifacts, packages and container images for CI pipelines.",
  },
  // Containers
  {
    slug: "docker-host", name: "Docker host", category: "containers", vendor: "Docker",
    aliases: ["Docker", "Docker engine", "container host", "Podman host", "Docker Swarm"],
    description: "A Linux VM running containers directly with Docker or Podman.",
  },
  {
    slug: "kubernetes-node", name: "Kubernetes node", category: "containers",
    aliases: ["Kubernetes", "k8s", "k8s node", "k8s worker", "Kubernetes worker", "Kubernetes control plane", "Rancher", "RKE2", "k3s", "Tanzu"],
    versions: ["1.24", "1.26", "1.28", "1.30", "1.31"],
    description: "A control-plane or worker VM of a Kubernetes cluster.",
  },
  {
    slug: "openshift-node", name: "Red Hat OpenShift node", category: "containers", vendor: "Red Hat",
    aliases: ["OpenShift", "OCP", "OpenShift worker", "OKD"],
    versions: ["3.11", "4.10", "4.12", "4.14", "4.16"],
    description: "A control-plane, infrastructure or worker node of Red Hat OpenShift.",
  },
  // ERP and business applications
  {
    slug: "sap-app-server", name: "SAP ERP / S/4HANA application server", category: "erp", vendor: "SAP",
    aliases: ["SAP", "SAP ERP", "SAP ECC", "S/4HANA", "S4HANA", "SAP NetWeaver", "SAP app server", "SAP PAS", "SAP AAS", "SAP ASCS"],
    versions: ["ECC 6.0", "1909", "2020", "2021", "2022", "2023"],
    description: "An SAP NetWeaver or S/4HANA ABAP application server that runs the ERP dialog and batch work.",
  },
  {
    slug: "sap-hana", name: "SAP HANA", category: "database", vendor: "SAP",
    aliases: ["HANA", "HANA DB", "SAP HANA database"],
    versions: ["1.0", "2.0"],
    description: "SAP's in-memory database, sized by memory and run on certified, very large VMs.",
  },
  {
    slug: "microsoft-dynamics", name: "Microsoft Dynamics", category: "erp", vendor: "Microsoft",
    aliases: ["Dynamics", "Dynamics AX", "Dynamics NAV", "Dynamics CRM", "Dynamics 365", "Business Central", "Navision"],
    versions: ["2009", "2012", "2013", "2016", "365"],
    description: "Microsoft's ERP and CRM applications (AX, NAV, CRM) run on premises.",
  },
  // Security and gateways
  {
    slug: "palo-alto-vm-series", name: "Palo Alto Networks VM-Series firewall", category: "security", vendor: "Palo Alto Networks",
    aliases: ["Palo Alto", "VM-Series", "PAN-OS", "Palo Alto firewall", "PA-VM", "Panorama"],
    versions: ["9.1", "10.1", "10.2", "11.0", "11.1"],
    description: "Palo Alto Networks' next-generation firewall as a virtual appliance.",
    isGateway: true,
  },
  {
    slug: "fortigate-vm", name: "Fortinet FortiGate-VM", category: "security", vendor: "Fortinet",
    aliases: ["FortiGate", "FortiGate VM", "Fortinet firewall", "FortiOS"],
    versions: ["6.4", "7.0", "7.2", "7.4"],
    description: "Fortinet's firewall and VPN gateway as a virtual appliance.",
    isGateway: true,
  },
  {
    slug: "pfsense", name: "pfSense", category: "security", vendor: "Netgate",
    aliases: ["pfSense firewall", "OPNsense", "pfSense CE", "pfSense Plus"],
    versions: ["2.4", "2.5", "2.6", "2.7"],
    description: "A FreeBSD-based open-source firewall and router, and its fork OPNsense.",
    isGateway: true,
  },
  {
    slug: "cisco-asav", name: "Cisco ASAv", category: "security", vendor: "Cisco",
    aliases: ["ASAv", "Cisco ASA", "ASA firewall", "Firepower Threat Defense Virtual", "FTDv"],
    versions: ["9.12", "9.16", "9.18", "9.20"],
    description: "Cisco's Adaptive Security Appliance firewall and VPN concentrator as a virtual machine.",
    isGateway: true,
  },
  {
    slug: "jump-host", name: "Jump host / bastion", category: "security",
    aliases: ["jump server", "jumpbox", "bastion host", "bastion", "admin workstation", "PAW"],
    description: "A hardened server through which administrators reach management networks.",
  },
  {
    slug: "squid-proxy", name: "Web proxy", category: "security",
    aliases: ["Squid", "proxy server", "forward proxy", "web filter", "Zscaler connector"],
    description: "A forward HTTP proxy that caches and filters users' web traffic.",
  },
  // Network functions
  {
    slug: "f5-big-ip", name: "F5 BIG-IP Virtual Edition", category: "network", vendor: "F5",
    aliases: ["BIG-IP", "F5", "BIG-IP VE", "F5 LTM", "LTM", "F5 load balancer"],
    versions: ["13.1", "14.1", "15.1", "16.1", "17.1"],
    description: "F5's application delivery controller and load balancer as a virtual appliance.",
    isGateway: true,
  },
  {
    slug: "citrix-netscaler", name: "NetScaler ADC (Citrix ADC)", category: "network", vendor: "Cloud Software Group",
    aliases: ["NetScaler", "Citrix ADC", "NetScaler VPX", "Citrix Gateway", "NetScaler Gateway"],
    versions: ["12.1", "13.0", "13.1", "14.1"],
    description: "A load balancer and remote-access gateway commonly placed in front of Citrix farms.",
    isGateway: true,
  },
  {
    slug: "haproxy", name: "HAProxy", category: "network",
    aliases: ["HAProxy load balancer", "keepalived"],
    versions: ["1.8", "2.0", "2.4", "2.6", "2.8", "3.0"],
    description: "An open-source TCP and HTTP load balancer and reverse proxy.",
    isGateway: true,
  },
  {
    slug: "virtual-router", name: "Virtual router", category: "network",
    aliases: ["VyOS", "Cisco CSR 1000v", "CSR1000v", "Catalyst 8000V", "vMX", "MikroTik CHR", "router"],
    description: "A software router such as VyOS, Cisco CSR 1000v or MikroTik CHR routing between networks.",
    isGateway: true,
  },
  // Infrastructure management
  {
    slug: "vcenter-server", name: "vCenter Server Appliance", category: "infrastructure", vendor: "VMware",
    aliases: ["vCenter", "VCSA", "vCenter Server", "VirtualCenter", "vCenter appliance", "PSC", "Platform Services Controller"],
    versions: ["5.5", "6.0", "6.5", "6.7", "7.0", "8.0"],
    description: "VMware's management server for ESXi hosts and clusters, delivered as a Photon OS appliance.",
  },
  {
    slug: "sccm", name: "Microsoft Configuration Manager (SCCM/MECM)", category: "infrastructure", vendor: "Microsoft",
    aliases: ["SCCM", "MECM", "ConfigMgr", "Configuration Manager", "SCCM distribution point", "MEMCM"],
    versions: ["2012 R2", "1902", "2103", "2303", "2403"],
    description: "Microsoft's software distribution, patching and inventory system for Windows fleets.",
  },
  {
    slug: "wsus", name: "Windows Server Update Services", category: "infrastructure", vendor: "Microsoft",
    aliases: ["WSUS", "update server", "Windows Update server"],
    description: "Caches and approves Microsoft updates for the Windows machines of an organisation.",
  },
  {
    slug: "ansible-automation", name: "Configuration management server", category: "infrastructure",
    aliases: ["Ansible", "AWX", "Ansible Tower", "Puppet", "Puppet master", "Chef server", "SaltStack", "Foreman", "Satellite"],
    description: "A server that pushes or enforces configuration, such as Ansible AWX, Puppet or Red Hat Satellite.",
  },
  {
    slug: "pki-ca", name: "Certificate authority", category: "security", vendor: "Microsoft",
    aliases: ["AD CS", "ADCS", "certificate services", "CA server", "PKI", "root CA", "issuing CA"],
    description: "Issues and revokes X.509 certificates, most often Active Directory Certificate Services.",
  },
  // Analytics and messaging pipelines
  {
    slug: "kafka", name: "Apache Kafka", category: "analytics", vendor: "Apache Software Foundation",
    aliases: ["Kafka", "Kafka broker", "Confluent Platform", "ZooKeeper"],
    versions: ["2.8", "3.4", "3.6", "3.7"],
    description: "A distributed log for event streaming between applications.",
  },
  {
    slug: "rabbitmq", name: "RabbitMQ", category: "analytics", vendor: "Broadcom",
    aliases: ["Rabbit", "AMQP broker", "ActiveMQ", "IBM MQ", "message broker"],
    versions: ["3.8", "3.10", "3.12", "3.13"],
    description: "A message broker that queues work between services over AMQP.",
  },
  {
    slug: "hadoop-spark", name: "Hadoop / Spark", category: "analytics", vendor: "Apache Software Foundation",
    aliases: ["Hadoop", "Spark", "HDFS", "Cloudera", "Hortonworks", "YARN", "Hive"],
    versions: ["2", "3"],
    description: "Big-data storage and processing clusters built on HDFS, YARN and Spark.",
  },
  {
    slug: "power-bi-reporting", name: "Reporting and BI server", category: "analytics", vendor: "Microsoft",
    aliases: ["SSRS", "SSAS", "Power BI Report Server", "Tableau Server", "Qlik Sense", "Cognos", "reporting server"],
    description: "Runs reports and dashboards for the business, such as SSRS, Power BI Report Server or Tableau.",
  },
];

const bySlug = new Map(APPLICATIONS.map((a) => [a.slug, a]));

export function getApplication(slug: string): Application | null {
  return bySlug.get(slug) ?? null;
}
