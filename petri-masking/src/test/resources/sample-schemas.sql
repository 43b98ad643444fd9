-- Shapes of well-known sample databases (Northwind, Pagila, AdventureWorks, Chinook) and column names in
-- German, Spanish and French, for SampleSchemasIT.
-- Northwind-like
CREATE TABLE employees (
  employee_id smallint PRIMARY KEY, last_name varchar(20) NOT NULL, first_name varchar(10) NOT NULL,
  title varchar(30), title_of_courtesy varchar(25), birth_date date, hire_date date,
  address varchar(60), city varchar(15), region varchar(15), postal_code varchar(10), country varchar(15),
  home_phone varchar(24), extension varchar(4), photo bytea, notes text, reports_to smallint REFERENCES employees,
  photo_path varchar(255));
INSERT INTO employees VALUES
 (1,'Davolio','Nancy','Sales Representative','Ms.','1948-12-08','1992-05-01','507 - 20th Ave. E. Apt. 2A','Seattle','WA','98122','USA','(206) 555-9857','5467','\x151c2f00','Education includes a BA in psychology from Colorado State University in 1970.  She also completed The Art of the Cold Call.  Nancy is a member of Toastmasters International.',NULL,'http://accweb/emmployees/davolio.bmp'),
 (2,'Fuller','Andrew','Vice President, Sales','Dr.','1952-02-19','1992-08-14','908 W. Capital Way','Tacoma','WA','98401','USA','(206) 555-9482','3457','\x151c2f00','Andrew received his BTS commercial in 1974 and a Ph.D. in international marketing from the University of Dallas in 1981.  He is fluent in French and Italian and reads German.  Fuller reports to Davolio.',1,'http://accweb/emmployees/fuller.bmp'),
 (3,'Leverling','Janet','Sales Representative','Ms.','1963-08-30','1992-04-01','722 Moss Bay Blvd.','Kirkland','WA','98033','USA','(206) 555-3412','3355','\x151c2f00','Janet has a BS degree in chemistry from Boston College (1984).  She has also completed a certificate program in food retailing management.  Janet was hired as a sales associate in 1991 and promoted to sales representative in February 1992.',2,'http://accweb/emmployees/leverling.bmp'),
 (4,'Peacock','Margaret','Sales Representative','Mrs.','1937-09-19','1993-05-03','4110 Old Redmond Rd.','Redmond','WA','98052','USA','(206) 555-8122','5176','\x151c2f00','Margaret holds a BA in English literature from Concordia College (1958) and an MA from the American Institute of Culinary Arts (1966).  She was assigned to the London office temporarily from July through November 1992.',2,'http://accweb/emmployees/peacock.bmp'),
 (5,'Buchanan','Steven','Sales Manager','Mr.','1955-03-04','1993-10-17','14 Garrett Hill','London',NULL,'SW1 8JR','UK','(71) 555-4848','3453','\x151c2f00','Steven Buchanan graduated from St. Andrews University, Scotland, with a BSC degree in 1976.  Upon joining the company as a sales representative in 1992, he spent 6 months in an orientation program at the Seattle office.',2,'http://accweb/emmployees/buchanan.bmp');
CREATE TABLE customers (
  customer_id bpchar(5) PRIMARY KEY, company_name varchar(40) NOT NULL, contact_name varchar(30), contact_title varchar(30),
  address varchar(60), city varchar(15), region varchar(15), postal_code varchar(10), country varchar(15), phone varchar(24), fax varchar(24));
INSERT INTO customers VALUES
 ('ALFKI','Alfreds Futterkiste','Maria Anders','Sales Representative','Obere Str. 57','Berlin',NULL,'12209','Germany','030-0074321','030-0076545'),
 ('ANATR','Ana Trujillo Emparedados y helados','Ana Trujillo','Owner','Avda. de la Constitución 2222','México D.F.',NULL,'05021','Mexico','(5) 555-4729','(5) 555-3745'),
 ('ANTON','Antonio Moreno Taquería','Antonio Moreno','Owner','Mataderos  2312','México D.F.',NULL,'05023','Mexico','(5) 555-3932',NULL),
 ('AROUT','Around the Horn','Thomas Hardy','Sales Representative','120 Hanover Sq.','London',NULL,'WA1 1DP','UK','(171) 555-7788','(171) 555-6750'),
 ('BERGS','Berglunds snabbköp','Christina Berglund','Order Administrator','Berguvsvägen  8','Luleå',NULL,'S-958 22','Sweden','0921-12 34 65','0921-12 34 67'),
 ('BLAUS','Blauer See Delikatessen','Hanna Moos','Sales Representative','Forsterstr. 57','Mannheim',NULL,'68306','Germany','0621-08460','0621-08924');
CREATE TABLE orders (order_id smallint PRIMARY KEY, customer_id bpchar(5) REFERENCES customers, employee_id smallint REFERENCES employees,
  order_date date, ship_name varchar(40), ship_address varchar(60), ship_city varchar(15), ship_postal_code varchar(10), ship_country varchar(15));
INSERT INTO orders VALUES (10248,'ALFKI',5,'1996-07-04','Alfreds Futterkiste','Obere Str. 57','Berlin','12209','Germany'),
 (10249,'BERGS',1,'1996-07-05','Berglunds snabbköp','Berguvsvägen  8','Luleå','S-958 22','Sweden'),
 (10250,'AROUT',4,'1996-07-08','Around the Horn','Brook Farm Stratford St. Mary','Colchester','CO7 6JX','UK');
-- Pagila-like
CREATE TYPE mpaa_rating AS ENUM ('G','PG','PG-13','R','NC-17');
CREATE DOMAIN year AS integer CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.last_update = CURRENT_TIMESTAMP; RETURN NEW; END $$;
CREATE TABLE address (address_id serial PRIMARY KEY, address text NOT NULL, address2 text, district text NOT NULL, city_id smallint NOT NULL,
  postal_code text, phone text NOT NULL, last_update timestamptz DEFAULT now() NOT NULL);
INSERT INTO address (address, address2, district, city_id, postal_code, phone) VALUES
 ('47 MySakila Drive',NULL,'Alberta',300,'','14033335568'),('28 MySQL Boulevard',NULL,'QLD',576,'',''),
 ('1913 Hanoi Way','','Nagasaki',463,'35200','28303384290'),('1121 Loja Avenue','','California',449,'17886','838635286649'),
 ('692 Joliet Street','','Attika',38,'83579','448477190408'),('1566 Inegl Manor','','Mandalay',349,'53561','705814003527');
CREATE TABLE customer (customer_id serial PRIMARY KEY, store_id smallint NOT NULL, first_name text NOT NULL, last_name text NOT NULL,
  email text, address_id int NOT NULL REFERENCES address, activebool boolean DEFAULT true NOT NULL, create_date date DEFAULT CURRENT_DATE NOT NULL,
  last_update timestamptz DEFAULT now(), active integer);
CREATE TRIGGER last_updated BEFORE UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION last_updated();
INSERT INTO customer (store_id, first_name, last_name, email, address_id, active) VALUES
 (1,'MARY','SMITH','MARY.SMITH@sakilacustomer.org',3,1),(1,'PATRICIA','JOHNSON','PATRICIA.JOHNSON@sakilacustomer.org',4,1),
 (1,'LINDA','WILLIAMS','LINDA.WILLIAMS@sakilacustomer.org',5,1),(2,'BARBARA','JONES','BARBARA.JONES@sakilacustomer.org',6,1),
 (1,'ELIZABETH','BROWN','ELIZABETH.BROWN@sakilacustomer.org',3,1),(2,'JENNIFER','DAVIS','JENNIFER.DAVIS@sakilacustomer.org',4,1);
CREATE TABLE staff (staff_id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, address_id int NOT NULL REFERENCES address,
  email text, store_id int NOT NULL, active boolean DEFAULT true NOT NULL, username text NOT NULL, password text, last_update timestamptz DEFAULT now() NOT NULL, picture bytea);
INSERT INTO staff (first_name,last_name,address_id,email,store_id,username,password,picture) VALUES
 ('Mike','Hillyer',3,'Mike.Hillyer@sakilastaff.com',1,'Mike','8cb2237d0679ca88db6464eac60da96345513964','\x89504e470d0a'),
 ('Jon','Stephens',4,'Jon.Stephens@sakilastaff.com',2,'Jon','8cb2237d0679ca88db6464eac60da96345513964',NULL);
CREATE TABLE film (film_id serial PRIMARY KEY, title text NOT NULL, description text, release_year year, rating mpaa_rating DEFAULT 'G',
  special_features text[], fulltext tsvector NOT NULL);
INSERT INTO film (title, description, release_year, rating, special_features, fulltext) VALUES
 ('ACADEMY DINOSAUR','A Epic Drama of a Feminist And a Mad Scientist who must Battle a Teacher in The Canadian Rockies',2006,'PG','{"Deleted Scenes","Behind the Scenes"}', to_tsvector('english','ACADEMY DINOSAUR Epic Drama Feminist Mad Scientist')),
 ('ACE GOLDFINGER','A Astounding Epistle of a Database Administrator And a Explorer who must Find a Car in Ancient China',2006,'G','{Trailers}', to_tsvector('english','ACE GOLDFINGER Astounding Epistle'));
CREATE TABLE payment (payment_id serial, customer_id int NOT NULL, staff_id int NOT NULL, amount numeric(5,2) NOT NULL, payment_date timestamptz NOT NULL,
  PRIMARY KEY (payment_date, payment_id)) PARTITION BY RANGE (payment_date);
CREATE TABLE payment_p2022_01 PARTITION OF payment FOR VALUES FROM ('2022-01-01') TO ('2022-02-01');
CREATE TABLE payment_p2022_02 PARTITION OF payment FOR VALUES FROM ('2022-02-01') TO ('2022-03-01');
INSERT INTO payment (customer_id, staff_id, amount, payment_date) VALUES (1,1,2.99,'2022-01-24'),(2,2,0.99,'2022-02-05');
-- AdventureWorks-like
CREATE SCHEMA person; CREATE SCHEMA humanresources; CREATE SCHEMA sales;
CREATE DOMAIN "Name" AS varchar(50);
CREATE DOMAIN "Flag" AS boolean NOT NULL;
CREATE TABLE person.person (businessentityid int PRIMARY KEY, persontype char(2) NOT NULL, namestyle "Flag" DEFAULT false, title varchar(8),
  firstname "Name" NOT NULL, middlename "Name", lastname "Name" NOT NULL, suffix varchar(10), emailpromotion int DEFAULT 0 NOT NULL,
  additionalcontactinfo xml, demographics xml, rowguid uuid NOT NULL DEFAULT gen_random_uuid(), modifieddate timestamp DEFAULT now() NOT NULL);
INSERT INTO person.person (businessentityid, persontype, title, firstname, middlename, lastname, demographics, additionalcontactinfo) VALUES
 (1,'EM',NULL,'Ken','J','Sánchez','<IndividualSurvey xmlns="http://schemas.microsoft.com/sqlserver/2004/07/adventure-works/IndividualSurvey"><TotalPurchaseYTD>0</TotalPurchaseYTD></IndividualSurvey>',NULL),
 (2,'EM',NULL,'Terri','Lee','Duffy',NULL,'<AdditionalContactInfo><act:telephoneNumber xmlns:act="http://x/act"><act:number>425-555-1112</act:number></act:telephoneNumber><crm:e-mail xmlns:crm="http://x/crm">terri0@adventure-works.com</crm:e-mail></AdditionalContactInfo>'),
 (3,'EM',NULL,'Roberto',NULL,'Tamburello',NULL,NULL),(4,'IN','Ms.','Gail','A','Erickson',NULL,NULL),(5,'IN','Mr.','Jossef','H','Goldberg',NULL,NULL),(6,'SC','Mr.','Dylan','A','Miller',NULL,NULL);
CREATE TABLE person.emailaddress (businessentityid int REFERENCES person.person, emailaddressid serial, emailaddress varchar(50), PRIMARY KEY (businessentityid, emailaddressid));
INSERT INTO person.emailaddress (businessentityid, emailaddress) VALUES (1,'ken0@adventure-works.com'),(2,'terri0@adventure-works.com'),(3,'roberto0@adventure-works.com'),(4,'gail0@adventure-works.com'),(5,'jossef0@adventure-works.com'),(6,'dylan0@adventure-works.com');
CREATE TABLE person.password (businessentityid int PRIMARY KEY REFERENCES person.person, passwordhash varchar(128) NOT NULL, passwordsalt varchar(10) NOT NULL);
INSERT INTO person.password VALUES (1,'pbFwXWE99vobT6g+vPWFy93NtUU/orrIWafF01hccfM=','bE3XiWw='),(2,'bawRVNrZQYQ05qF05Gz6VLilnviZmrqBReTTAGAudm0=','EjJaC3U='),(3,'EjJaC3U+dfWkjAhRzWKDY7KE5x/RvR4ruAQFBMJ7yj8=','wbPZqMw=');
CREATE TABLE person.personphone (businessentityid int REFERENCES person.person, phonenumber "Name", phonenumbertypeid int, PRIMARY KEY (businessentityid, phonenumber, phonenumbertypeid));
INSERT INTO person.personphone VALUES (1,'697-555-0142',1),(2,'819-555-0175',3),(3,'212-555-0187',1),(4,'612-555-0100',1),(5,'849-555-0139',1),(6,'1 (11) 500 555-0110',3);
CREATE TABLE humanresources.employee (businessentityid int PRIMARY KEY REFERENCES person.person, nationalidnumber varchar(15) NOT NULL UNIQUE,
  loginid varchar(256) NOT NULL, jobtitle varchar(50) NOT NULL, birthdate date NOT NULL, maritalstatus char(1) NOT NULL, gender char(1) NOT NULL,
  hiredate date NOT NULL, vacationhours smallint, CHECK (birthdate BETWEEN '1930-01-01' AND now() - interval '18 years'), CHECK (gender IN ('M','F')));
INSERT INTO humanresources.employee VALUES (1,'295847284','adventure-works\ken0','Chief Executive Officer','1969-01-29','S','M','2009-01-14',99),
 (2,'245797967','adventure-works\terri0','Vice President of Engineering','1971-08-01','S','F','2008-01-31',1),
 (3,'509647174','adventure-works\roberto0','Engineering Manager','1974-11-12','M','M','2007-11-11',2),
 (4,'112457891','adventure-works\gail0','Design Engineer','1952-09-27','M','F','2008-01-06',5),
 (5,'695256908','adventure-works\jossef0','Design Engineer','1959-03-11','M','M','2008-01-24',6);
CREATE TABLE sales.creditcard (creditcardid serial PRIMARY KEY, cardtype varchar(50) NOT NULL, cardnumber varchar(25) NOT NULL UNIQUE, expmonth smallint, expyear smallint);
INSERT INTO sales.creditcard (cardtype, cardnumber, expmonth, expyear) VALUES ('SuperiorCard','33332664695310',11,2006),('Distinguish','55552127249722',8,2005),('ColonialVoice','77778344838353',7,2005),('Vista','4111111111111111',4,2007),('Vista','4012888888881881',1,2008);
-- Chinook-like, mixed case quoted
CREATE TABLE "Customer" ("CustomerId" int PRIMARY KEY, "FirstName" varchar(40) NOT NULL, "LastName" varchar(20) NOT NULL, "Company" varchar(80),
  "Address" varchar(70), "City" varchar(40), "State" varchar(40), "Country" varchar(40), "PostalCode" varchar(10), "Phone" varchar(24), "Fax" varchar(24), "Email" varchar(60) NOT NULL, "SupportRepId" int);
INSERT INTO "Customer" VALUES (1,'Luís','Gonçalves','Embraer - Empresa Brasileira de Aeronáutica S.A.','Av. Brigadeiro Faria Lima, 2170','São José dos Campos','SP','Brazil','12227-000','+55 (12) 3923-5555','+55 (12) 3923-5566','luisg@embraer.com.br',3),
 (2,'Leonie','Köhler',NULL,'Theodor-Heuss-Straße 34','Stuttgart',NULL,'Germany','70174','+49 0711 2842222',NULL,'leonekohler@surfeu.de',5),
 (3,'François','Tremblay',NULL,'1498 rue Bélanger','Montréal','QC','Canada','H2G 1A7','+1 (514) 721-4711',NULL,'ftremblay@gmail.com',3),
 (4,'Bjørn','Hansen',NULL,'Ullevålsveien 14','Oslo',NULL,'Norway','0171','+47 22 44 22 22',NULL,'bjorn.hansen@yahoo.no',4),
 (5,'František','Wichterlová','JetBrains s.r.o.','Klanova 9/506','Prague',NULL,'Czech Republic','14700','+420 2 4172 5555','+420 2 4172 5555','frantisekw@jetbrains.com',4);
-- German / Spanish / French column names
CREATE TABLE kunden (kunden_nr int PRIMARY KEY, vorname text, nachname text, strasse text, plz text, ort text, telefon text, geburtsdatum date, steuer_id text, iban text);
INSERT INTO kunden VALUES (1,'Jürgen','Müller','Hauptstraße 5','10115','Berlin','+49 30 1234567','1975-04-02','65929970489','DE89370400440532013000'),
 (2,'Sabine','Schneider','Lindenweg 12','80331','München','089 9876543','1982-11-23','86095742719','DE02120300000000202051');
CREATE TABLE clientes (id int PRIMARY KEY, nombre text, apellidos text, correo text, telefono text, direccion text, dni text, fecha_nacimiento date);
INSERT INTO clientes VALUES (1,'Lucía','García Pérez','lucia.garcia@correo.es','612 345 678','Calle Mayor 1, Madrid','12345678Z','1990-06-15'),
 (2,'Javier','Fernández López','jfernandez@ejemplo.es','+34 699 111 222','Av. Diagonal 200, Barcelona','87654321X','1985-02-28');
CREATE TABLE utilisateurs (id int PRIMARY KEY, prenom text, nom text, courriel text, adresse text, code_postal text, numero_secu text, date_de_naissance date);
INSERT INTO utilisateurs VALUES (1,'Émilie','Dubois','emilie.dubois@exemple.fr','12 rue de la Paix, Paris','75002','2 84 05 75 123 456 78','1984-05-17'),
 (2,'Théo','Lefèvre','theo.lefevre@exemple.fr','3 place Bellecour, Lyon','69002','1 91 12 69 045 012 34','1991-12-03');
-- names that suggest a class their type cannot hold, and credentials in types the shape rule cannot take
CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, email_verified boolean NOT NULL DEFAULT false,
  phone_confirmed_at timestamptz, last_name_changed boolean, password_hash bytea NOT NULL, api_token uuid, login_id text,
  work_email text CHECK (work_email LIKE '%@acme.com'));
INSERT INTO accounts VALUES (1,'ada.lovelace@analytical.example',true,'2024-03-01 10:00+00',false,decode('8cb2237d0679ca88db6464eac60da96345513964','hex'),'550e8400-e29b-41d4-a716-446655440000','alovelace','ada@acme.com'),
 (2,'charles.babbage@analytical.example',false,NULL,NULL,decode('5f4dcc3b5aa765d61d8327deb882cf99','hex'),NULL,'cbabbage','charles@acme.com'),
 (3,'',false,NULL,NULL,'\x',NULL,'N/A',NULL);
-- tables of things whose name column is no person's name, and one of people that has nothing but a name
CREATE TABLE category (category_id serial PRIMARY KEY, name text NOT NULL, last_update timestamptz DEFAULT now());
INSERT INTO category (name) VALUES ('Action'),('Animation'),('Children'),('Classics'),('Comedy'),('Documentary'),('Drama'),('Family');
CREATE TABLE "Genre" ("GenreId" int PRIMARY KEY, "Name" varchar(120));
INSERT INTO "Genre" VALUES (1,'Rock'),(2,'Jazz'),(3,'Metal'),(4,'Alternative & Punk'),(5,'Rock And Roll');
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO authors VALUES (1,'Chinua Achebe'),(2,'Wisława Szymborska'),(3,'Ngũgĩ wa Thiong''o');
-- dates of birth kept as text, in the forms people write them
CREATE TABLE members (id int PRIMARY KEY, full_name text, dob varchar(20), phone text, email text);
INSERT INTO members VALUES (1,'Bob Marley','03/12/1985','n/a',''),(2,'Ana López','12.03.1990','+1-800-FLOWERS','N/A'),(3,'Émile Zola','April 2, 1840',NULL,NULL),
 (4,'Li Wei','1979-07-01','',' ');
-- a SaaS profile: social handles, driving licences and home coordinates (numeric, double precision, JSON)
CREATE TABLE profiles (id int PRIMARY KEY, twitter_handle text, drivers_license text, home_lat numeric(9,6), home_lng double precision,
  place jsonb);
INSERT INTO profiles VALUES (1,'@liamsmith1','D7719053',51.512345,-0.123456,'{"label":"home","lat":51.512345,"lng":-0.123456}'),
 (2,'@oliviajones2','SMITH751103J99AB',48.858844,2.294351,'{"label":"work","lat":48.858844,"lng":2.294351}');
-- lengths bounded by CHECK constraints and by a domain's CHECK instead of varchar(n)
CREATE DOMAIN short_name AS text CHECK (length(VALUE) <= 10);
CREATE TABLE signups (id int PRIMARY KEY, first_name text CHECK (char_length(first_name) <= 8), last_name short_name,
  email text CHECK (length(email) <= 30), city text, CHECK (length(city) BETWEEN 2 AND 12));
INSERT INTO signups SELECT g, (ARRAY['Bob','Alex','Maxi','Jo'])[1 + g % 4], (ARRAY['Li','Fitzgerald','Ng','Montgomery'])[1 + g % 4],
  'p' || g || '@corp.io', (ARRAY['Leeds','Ely','Cambridge'])[1 + g % 3] FROM generate_series(1, 60) g;
-- a clinic and a shop: record, health plan and policy numbers, a bank account number
CREATE TABLE patients (id int PRIMARY KEY, mrn varchar(10) UNIQUE, insurance_member_id varchar(20), policy_number text, account_no varchar(17));
INSERT INTO patients VALUES (1,'MRN0004711','XYZ000031676','POL-77812-A','00982451653'),(2,'MRN0004712','XYZ000039595','POL-77813-B','01964903306');
-- a network inventory: hardware addresses as macaddr, macaddr8, text in three forms and a number; a log naming them
CREATE TABLE devices (id int PRIMARY KEY, mac macaddr UNIQUE, eui macaddr8, wifi_mac varchar(17), hw text, device_mac bigint,
  last_ip inet, log text);
INSERT INTO devices VALUES
 (1,'08:00:2b:01:02:03','08:00:2b:01:02:03:04:05','3C-22-FB-9A-0B-11','a4:83:e7:12:34:56',8796814508547,'192.0.2.17',
  'DHCP lease for a4:83:e7:12:34:56 renewed'),
 (2,'08:00:2b:01:02:04','da:a1:19:00:00:01:02:03','3C-22-FB-9A-0B-12','f0:18:98:ab:cd:ef',8796814508548,'2001:db8::17',
  'roamed from AP 001a.2b3c.4d5e');
-- dirty data: an e-mail address typed into a name field, a phone number among the names of an array
CREATE TABLE contacts (id int PRIMARY KEY, contact_name text, people text[]);
INSERT INTO contacts VALUES (1,'Ann Lee','{"Ann Lee","ann.lee@mail.com"}'),(2,'bob.miller@mail.com','{"Bob Miller","+1 206 555 0143"}'),(3,'Carla Diaz','{"Carla Diaz"}'),
 (4,'Dan Brown','{"Dan Brown","dan@shop.com"}'),(5,'Eve Stone',NULL),(6,'Finn Wolf','{"Finn Wolf"}');
-- a company among the clients, whose domain a CHECK elsewhere insists on
CREATE TABLE clients (id int PRIMARY KEY, full_name text);
INSERT INTO clients VALUES (1,'Jordan Brown'),(2,'Olivia Green'),(3,'Marcus Bell'),(4,'Acme Trading Ltd'),(5,'Rose White'),(6,'Ivy Stone');
-- a data warehouse keeps dates as numbers: a date key (yyyymmdd) and a year of birth; birth weight and order are no dates
CREATE TABLE dim_person (id int PRIMARY KEY, birth_date_key integer, birth_year smallint, birth_weight_g integer, birth_order smallint);
INSERT INTO dim_person SELECT g, 19600101 + (g % 40) * 10000 + (g % 12) * 100 + (g % 28), 1950 + g % 60, 2900 + g * 7, 1 + g % 4
  FROM generate_series(1, 40) g;
-- bank account numbers kept as numbers, beside the key of a bank account row (no foreign key declared)
CREATE TABLE payouts (id int PRIMARY KEY, account_number bigint UNIQUE, bank_account_id int);
INSERT INTO payouts SELECT g, 40012345600 + g, 100 + g FROM generate_series(1, 30) g;
-- a country is called like some people: Jordan, Chad, Georgia, Israel, Kenya (and a person like a city: Paris)
CREATE TABLE fans (id int PRIMARY KEY, full_name text, country_code char(2), home_country text);
INSERT INTO fans VALUES (1,'Michael Jordan','US','Jordan'),(2,'Chad Smith','US','Chad'),(3,'Georgia May','GB','Georgia'),
 (4,'Israel Adesanya','NZ','Kenya'),(5,'Kenya Moore','US','Israel'),(6,'Paris Hilton','US','France');
INSERT INTO fans SELECT g, 'Fan Number' || chr(65 + g % 26) || chr(65 + g / 26), 'XX', 'Land ' || g FROM generate_series(7, 70) g;
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
INSERT INTO countries SELECT chr(65 + g / 26) || chr(65 + g % 26), (ARRAY['Jordan','Chad','Georgia','Israel','Kenya','France','Spain','Italy','Peru','Chile','Japan','Nepal','Oman','Qatar','Mali','Niger','Cuba','Fiji','Laos','Iraq'])[1 + g % 20] || CASE WHEN g >= 20 THEN ' ' || g ELSE '' END FROM generate_series(0, 19) g;
CREATE TABLE albums (id int PRIMARY KEY, title text NOT NULL);
INSERT INTO albums SELECT g, CASE g WHEN 3 THEN 'Midnight in Paris' WHEN 4 THEN 'Georgia on My Mind' ELSE 'Volume ' || g END
  FROM generate_series(1, 60) g;
-- a CRM: contacts with surnames that are also in their companies' names
CREATE TABLE crm_contacts (id int PRIMARY KEY, first_name text, last_name text, company_name text);
INSERT INTO crm_contacts SELECT g, (ARRAY['Ann','Bob','Cleo','Dev'])[1 + g % 4], (ARRAY['Johnson','Ford','Wells','Morgan','Quill'])[1 + g % 5],
  'Company ' || g FROM generate_series(1, 60) g;
UPDATE crm_contacts SET company_name = 'Johnson Controls' WHERE id = 7;
UPDATE crm_contacts SET company_name = 'Wells Fargo' WHERE id = 8;
-- members with particles in their names (de, la, del, van, der), and Spanish titles full of the same words
CREATE TABLE socias (id int PRIMARY KEY, nombre_completo text);
INSERT INTO socias VALUES (1,'María de la Cruz'),(2,'Lucía del Río'),(3,'Ana van der Berg');
CREATE TABLE recetas (id int PRIMARY KEY, titulo text);
INSERT INTO recetas SELECT g, (ARRAY['Tortilla de patatas','Arroz a la cubana','Crema de la abuela','Sopa del día','Pan de la casa'])[1 + g % 5]
  || ' nº ' || g FROM generate_series(1, 80) g;
-- names under a UNIQUE constraint: 1,500 distinct display names whose words are far more than the pseudonyms' pools
-- can keep apart (two originals drawing the same pseudonyms for every word)
CREATE TABLE players (id int PRIMARY KEY, display_name varchar(40) NOT NULL UNIQUE);
INSERT INTO players SELECT g, initcap(translate(substr(md5('f' || g % 300), 1, 6), '0123456789', 'ghijklmnop')) || ' '
  || initcap(translate(substr(md5('l' || g / 300), 1, 7), '0123456789', 'ghijklmnop')) FROM generate_series(0, 1499) g;
-- an ERP keeps its documents as XML: people by their elements (names no column of people holds), an ssn attribute,
-- an e-mail; and a CMS keeps pages as XHTML, whose empty elements (<br/>) must stay empty
CREATE TABLE erp_documents (id int PRIMARY KEY, body xml);
INSERT INTO erp_documents SELECT g, xmlparse(content '<invoice number="INV-' || g || '" ssn="078-05-' || (1000 + g) || '">'
  || '<customer><first_name>Quirinus</first_name><last_name>Vandersloot' || g || '</last_name><email>q' || g || '@erp.test</email>'
  || '</customer><amount>12.50</amount></invoice>') FROM generate_series(1, 60) g;
CREATE TABLE cms_pages (id int PRIMARY KEY, html text);
INSERT INTO cms_pages SELECT g, '<div class="bio"><p>Written by ' || (ARRAY['Ann','Bob','Cleo','Dev'])[1 + g % 4] || ' '
  || (ARRAY['Johnson','Ford','Wells','Morgan'])[1 + g % 4] || '<br/>reach them at page' || g || '@cms.test</p></div>'
  FROM generate_series(1, 60) g;
